using System.Text;
using MotCua.Core.Registers;
using MotCua.Core.Units;

namespace MotCua.Core.Tests.Registers;

/// <summary>Accent folding of every Vietnamese vowel with every tone mark, in both cases and both Unicode forms.</summary>
public class VietnameseFoldingTests
{
    // The 12 vowel letters and the base letter each folds to; then the six tones (none, huyền, sắc, hỏi, ngã, nặng).
    private static readonly (string Vowels, char Base)[] Rows =
    [
        ("aàáảãạ", 'a'), ("ăằắẳẵặ", 'a'), ("âầấẩẫậ", 'a'),
        ("eèéẻẽẹ", 'e'), ("êềếểễệ", 'e'),
        ("iìíỉĩị", 'i'),
        ("oòóỏõọ", 'o'), ("ôồốổỗộ", 'o'), ("ơờớởỡợ", 'o'),
        ("uùúủũụ", 'u'), ("ưừứửữự", 'u'),
        ("yỳýỷỹỵ", 'y'),
    ];

    public static TheoryData<string, char> EveryVowelWithEveryTone()
    {
        var data = new TheoryData<string, char>();
        foreach (var (vowels, letter) in Rows)
            foreach (var v in vowels)
            {
                data.Add(v.ToString(), letter);
                data.Add(v.ToString().ToUpperInvariant(), letter);
            }
        return data;
    }

    [Fact]
    public void The_table_holds_72_lower_case_vowels_all_distinct()
    {
        var all = string.Concat(Rows.Select(r => r.Vowels));
        Assert.Equal(72, all.Length);
        Assert.Equal(72, all.Distinct().Count());
        Assert.All(all, c => Assert.Equal(1, c.ToString().Normalize(NormalizationForm.FormC).Length));
    }

    [Theory]
    [MemberData(nameof(EveryVowelWithEveryTone))]
    public void Every_vowel_with_every_tone_folds_to_its_base_letter(string vowel, char expected)
    {
        Assert.Equal(expected.ToString(), VietnameseText.Fold(vowel));
        Assert.Equal(expected.ToString(), VietnameseText.Fold(vowel.Normalize(NormalizationForm.FormD)));
        Assert.Equal(expected.ToString(), RegisterSearchText.FoldName("x" + vowel)[1..]);
    }

    [Theory]
    [InlineData("đ"), InlineData("Đ"), InlineData("\u00D0")] // Ð (eth), typed for Đ on some keyboards
    public void D_with_stroke_folds_to_d(string d) => Assert.Equal("d", VietnameseText.Fold(d));

    [Theory]
    [InlineData("NGUYỄN VĂN AN", "nguyen van an")]
    [InlineData("Đặng   Thị\tĐào", "dang thi dao")]
    [InlineData("Trương-Huỳnh Thị Ngọc Ánh", "truong huynh thi ngoc anh")]
    [InlineData("Lê Thị Hòa", "le thi hoa")]
    [InlineData("Lê Thị Hoà", "le thi hoa")]
    public void Names_fold_to_words_of_letters(string name, string folded) => Assert.Equal(folded, RegisterSearchText.FoldName(name));

    [Fact]
    public void Search_expressions_take_every_token_as_a_word_and_the_last_also_as_a_prefix()
    {
        var tokens = RegisterSearchText.QueryTokens("Nguyễn  \"Văn\" a*");
        Assert.Equal(["nguyen", "van", "a"], tokens);
        Assert.Equal("NameFolded : \"nguyen\" AND NameFolded : \"van\" AND NameFolded : \"a\"*", RegisterSearchText.Fts5("NameFolded", tokens));
        Assert.Equal("nguyen & van & a:*", RegisterSearchText.TsQuery(tokens));
        // The word being typed expanded to the known words that start with it; none known: the prefix match stays.
        Assert.Equal("nguyen & van & ( a | an | anh )", RegisterSearchText.TsQuery(tokens, ["a", "an", "anh"]));
        Assert.Equal("nguyen & van & a:*", RegisterSearchText.TsQuery(tokens, []));
        Assert.Empty(RegisterSearchText.QueryTokens(" ' - * "));
        Assert.Equal(RegisterSearchText.MaxTokens, RegisterSearchText.QueryTokens(string.Join(' ', Enumerable.Repeat("an", 20))).Count);
    }
}
